import type { SemanticIssue, SemanticIssueCode, SemanticIssueSeverity } from '../model/message';

export function issue(code: SemanticIssueCode, severity: SemanticIssueSeverity, message: string): SemanticIssue {
  return { code, message, severity };
}
