import { Link } from 'react-router';
import { useLoad } from '../../components/use-load.ts';
import { journalApi } from './journal-api.ts';

/** The home screen's line for the journal: how many reviews today holds, and the way in. */
export function JournalDueCount() {
  // The summary, not the list: a deck of thousands would send every entry's text to count them.
  const { state } = useLoad(journalApi.summary);
  if (state.status !== 'ready') return null;
  const { dueToday, entryCount, backlog } = state.data;
  return (
    <div className="stat-card" data-testid="home-journal-due">
      <p className="stat-label">Journal reviews today</p>
      <p className="stat-value">{dueToday}</p>
      {backlog.perDay !== null && backlog.count > backlog.perDay ? (
        <p className="stat-note">{backlog.count} from missed days, spread over the next days</p>
      ) : null}
      <p className="stat-note">
        {entryCount === 0 ? (
          <Link to="/journal">Start your wrong-answer journal</Link>
        ) : dueToday > 0 ? (
          <Link to="/journal/review">Review now</Link>
        ) : (
          <Link to="/journal">Open the journal</Link>
        )}
      </p>
    </div>
  );
}
