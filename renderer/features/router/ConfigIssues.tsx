// Problems of the config draft, each with the JSON path it is about (as the router's parser reports it)
// and a link that takes the user to the control or JSON text it is about. After a refused Save they show
// as an error summary at the top of the editor, next to the Save button, and take focus (the GOV.UK
// pattern), so they are never off-screen below a tall editor; while typing they stay under the editor.
import { forwardRef } from 'react';
import type { RouterConfigIssue } from '../../../shared/api/router-contract';
import { Icon } from '../../components/Icon';
import { describeIssue } from './config-paths';

export interface ConfigIssuesProps {
  issues: RouterConfigIssue[];
  warnings: string[];
  /** The text checked is an unsaved draft (labels syntax errors "Draft", not the file). */
  isDraft: boolean;
  onGoTo: (issue: RouterConfigIssue) => void;
}

function IssueList({ issues, isDraft, onGoTo }: Omit<ConfigIssuesProps, 'warnings'>) {
  return (
    <ul className="router-issue-list" data-testid="router-config-issues">
      {issues.map((issue, i) => {
        const view = describeIssue(issue, isDraft);
        return (
          <li key={`${issue.path}-${i}`} className="router-issue">
            <button type="button" className="router-issue-link" onClick={() => onGoTo(issue)}>
              <code className="router-issue-path">{view.where}</code>: {view.message}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The summary shown after a refused Save; focusable so Save can move focus to it. */
export const ConfigIssueSummary = forwardRef<HTMLDivElement, Omit<ConfigIssuesProps, 'warnings'>>(function ConfigIssueSummary(props, ref) {
  const count = props.issues.length;
  return (
    <div ref={ref} className="router-issue-summary" tabIndex={-1} aria-labelledby="router-issue-summary-title" role="group" data-testid="router-issue-summary">
      <h3 id="router-issue-summary-title" className="router-issue-summary-title">
        <Icon name="alert" size={16} /> The config was not saved: {count === 1 ? 'fix this problem' : `fix these ${count} problems`} and save again
      </h3>
      <IssueList {...props} />
    </div>
  );
});

export function ConfigIssues({ issues, warnings, isDraft, onGoTo }: ConfigIssuesProps) {
  if (issues.length === 0 && warnings.length === 0) return null;
  return (
    <div className="router-issues">
      {issues.length > 0 && (
        <section aria-labelledby="router-issues-title" className="router-issues-live">
          <h3 id="router-issues-title" className="router-issues-title">
            {issues.length === 1 ? 'One problem' : `${issues.length} problems`} {isDraft ? 'in the draft' : 'in router.json'}
          </h3>
          <IssueList issues={issues} isDraft={isDraft} onGoTo={onGoTo} />
        </section>
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
