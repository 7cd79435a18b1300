import { Link } from 'react-router';
import { useLoad } from '../../components/use-load.ts';
import { journalApi } from './journal-api.ts';

/** The home screen's line for the journal: how many reviews today holds, and the way in. */
export function JournalDueCount() {
  const { state } = useLoad(journalApi.list);
  if (state.status !== 'ready') return null;
  const { dueToday, entries } = state.data;
  return (
    <div className="stat-card" data-testid="home-journal-due">
      <p className="stat-label">Journal reviews today</p>
      <p className="stat-value">{dueToday}</p>
      <p className="stat-note">
        {entries.length === 0 ? (
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
