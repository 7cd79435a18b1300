#!/bin/sh
# Proves a backup restores: pg_dump of a Comeback database (custom format, as comeback-backup does),
# pg_restore into a new database, then every table compared: row count and a digest of its rows.
#
#   scripts/backup-restore-check.sh                 # a fresh source database seeded through the app
#   scripts/backup-restore-check.sh postgres://…/comeback   # a real one (only read; the copy is dropped)
#
# PGSERVER_URL is the server for the databases it creates (default postgres://postgres@127.0.0.1:5432).
# Exit 0 when every table matches; 1 with the differing tables otherwise.
set -eu
cd "$(dirname "$0")/.."
server="${PGSERVER_URL:-postgres://postgres@127.0.0.1:5432}"
tag="$$_$(date -u +%H%M%S)"
work="$(mktemp -d)"
created=""
cleanup() {
  for db in $created; do psql -q "$server/postgres" -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ $# -ge 1 ]; then
  source_url="$1"
else
  source_db="comeback_backup_src_$tag"
  psql -q "$server/postgres" -c "create database $source_db" >/dev/null
  created="$created $source_db"
  source_url="$server/$source_db"
  echo "source: a fresh database $source_db, seeded through the app"
  node --import tsx bench/school-seed.ts "$source_url" "${SEED_STUDENTS:-20}"
fi

restore_db="comeback_backup_restore_$tag"
dump="$work/comeback.dump"
start=$(date +%s)
pg_dump --format=custom --compress=6 --file="$dump" "$source_url"
echo "pg_dump: $(du -h "$dump" | cut -f1) in $(( $(date +%s) - start )) s"
psql -q "$server/postgres" -c "create database $restore_db" >/dev/null
created="$created $restore_db"
restore_url="$server/$restore_db"
start=$(date +%s)
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$restore_url" "$dump"
echo "pg_restore into $restore_db in $(( $(date +%s) - start )) s"

# Every ordinary table of the public schema (the app's and Kysely's migration tables).
tables=$(psql -At "$source_url" -c "select tablename from pg_tables where schemaname = 'public' order by tablename")
[ -n "$tables" ] || { echo "no tables in the source database" >&2; exit 1; }
digest() {
  psql -At "$1" -c "select count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '-') from public.\"$2\" t"
}
bad=0
printf '%-28s %10s %10s  %s\n' table source restored digest
for table in $tables; do
  a=$(digest "$source_url" "$table")
  b=$(digest "$restore_url" "$table")
  if [ "$a" = "$b" ]; then verdict=same; else verdict=DIFFERENT; bad=$((bad + 1)); fi
  printf '%-28s %10s %10s  %s\n' "$table" "${a%% *}" "${b%% *}" "$verdict"
done
if [ "$bad" -ne 0 ]; then
  echo "backup-restore-check: $bad table(s) differ after the restore" >&2
  exit 1
fi
echo "backup-restore-check: every table ($(echo "$tables" | wc -l)) restored with the same rows"
