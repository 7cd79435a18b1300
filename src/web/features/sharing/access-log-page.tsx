import { Link } from 'react-router';
import { SCOPE_LABELS } from '#domain/advisor/scopes.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useLoad } from '../../components/use-load.ts';
import { formatInstant, VIEW_LABELS } from './format.ts';
import { ACCESS_LOG_CSV_URL, sharingApi } from './sharing-api.ts';
import './sharing.css';

/** /sharing/access-log: every time an advisor opened the student's data, newest first, and a download. */
export function AccessLogPage() {
  usePageTitle('Access log');
  const { state, retry } = useLoad(sharingApi.accessLog);
  return (
    <div className="sharing">
      <div className="page-heading">
        <h1>Access log</h1>
        <p className="lead">
          Each time an advisor opened your data: who, when, which page and what it showed. Nobody can change or remove a
          row, advisors included. Each row is deleted automatically after 2 years: download the log to keep it longer.
        </p>
        <p>
          <Link to="/sharing">Back to advisors</Link>
        </p>
      </div>
      {state.status === 'loading' ? <Loading label="Loading your access log…" /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={retry} what="your access log" /> : null}
      {state.status === 'ready' ? (
        <section className="card" aria-labelledby="log-title">
          <h2 id="log-title">
            {state.data.total === 0
              ? 'No advisor has opened your data'
              : `${state.data.total} ${state.data.total === 1 ? 'read' : 'reads'} of your data`}
          </h2>
          {state.data.total > state.data.shown ? (
            <p className="small muted">The newest {state.data.shown} are below; the download has all of them.</p>
          ) : null}
          {state.data.entries.length > 0 ? (
            <TableScroll label="Access log">
              <table className="data-table access-log-table" data-testid="access-log">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Advisor</th>
                    <th scope="col">Page</th>
                    <th scope="col">What it showed</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.entries.map((entry, i) => (
                    <tr key={`${entry.accessedAt}-${i}`}>
                      <td className="num" data-label="When">
                        {formatInstant(entry.accessedAt)}
                      </td>
                      <td className="break-anywhere" data-label="Advisor">
                        {entry.advisorEmail}
                      </td>
                      <td data-label="Page">{VIEW_LABELS[entry.view] ?? entry.view}</td>
                      <td data-label="What it showed">
                        {entry.scopes.length === 0
                          ? 'Who you are, your stage and exam date'
                          : entry.scopes.map((s) => SCOPE_LABELS[s]).join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          <a className="button button--secondary" href={ACCESS_LOG_CSV_URL} download>
            Download the log (CSV)
          </a>
        </section>
      ) : null}
    </div>
  );
}
