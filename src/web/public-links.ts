// The public URLs of `roundup serve`, in one place: the emails link to them (delivery, rendering) and the
// subscriber endpoints answer them (src/web/subscriber). Change a path here and both sides follow.

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** One-click unsubscribe (RFC 8058 POST) and its confirmation page (GET). */
export const unsubscribePath = (token: string) => `/u/${token}`;
/** The subscriber's preferences page. */
export const preferencesPath = (token: string) => `/p/${token}`;
/** Double opt-in confirmation. */
export const confirmPath = (token: string) => `/confirm/${token}`;
/** "View in browser" for a sent issue. */
export const issuePath = (issue: string) => `/issues/${encodeURIComponent(issue)}`;

/** A click: counted, then redirected (302) to the link's URL. */
export const clickPath = (token: string) => `/c/${token}`;
/** The open pixel. */
export const openPath = (token: string) => `/o/${token}.gif`;

export const clickUrl = (publicUrl: string, token: string) => base(publicUrl) + clickPath(token);
export const openUrl = (publicUrl: string, token: string) => base(publicUrl) + openPath(token);
export const unsubscribeUrl = (publicUrl: string, token: string) => base(publicUrl) + unsubscribePath(token);
export const preferencesUrl = (publicUrl: string, token: string) => base(publicUrl) + preferencesPath(token);
export const confirmUrl = (publicUrl: string, token: string) => base(publicUrl) + confirmPath(token);
export const issueUrl = (publicUrl: string, issue: string) => base(publicUrl) + issuePath(issue);
