// Problems of the config draft, each with the JSON path it is about (as the router's parser reports it).
import type { RouterConfigIssue } from '../../../shared/api/router-contract';

export function ConfigIssues({ issues, warnings }: { issues: RouterConfigIssue[]; warnings: string[] }) {
  if (issues.length === 0 && warnings.length === 0) return null;
  return (
    <div className="router-issues">
      {issues.length > 0 && (
        <ul className="router-issue-list" aria-label="Config problems" data-testid="router-config-issues">
          {issues.map((issue, i) => (
            <li key={`${issue.path}-${i}`} className="router-issue">
              <code className="router-issue-path">{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="router-warning-list" aria-label="Config warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
