#!/bin/sh
# A pg_dump of the Comeback database into $BACKUP_DIR (custom format, compressed), keeping the
# newest $KEEP. Installed as /usr/local/bin/comeback-backup and run by comeback-backup.timer.
# Connection settings are libpq's: PGDATABASE, PGHOST, PGUSER… (or a ~/.pgpass).
set -eu
: "${PGDATABASE:=comeback}"
: "${BACKUP_DIR:=/var/backups/comeback}"
: "${KEEP:=14}"
export PGDATABASE
umask 077
mkdir -p "$BACKUP_DIR"
file="$BACKUP_DIR/comeback-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Written under another name and renamed once complete: a half-written dump is never the newest.
pg_dump --format=custom --compress=6 --file="$file.partial" "$PGDATABASE"
mv "$file.partial" "$file"
# The newest $KEEP stay.
ls -1t "$BACKUP_DIR"/comeback-*.dump | tail -n +"$((KEEP + 1))" | while read -r old; do rm -f -- "$old"; done
echo "backup written: $file ($(du -h "$file" | cut -f1))"
