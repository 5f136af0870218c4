import { type AssignmentReading, escapeHtml as e, type MeResponse } from '@attune/shared';

/**
 * The first screen of a client's page, drawn by the server into index.html's boot shell so it
 * shows before any script runs. Same elements and classes as the app's page (global styles:
 * `.page`, `h1`, `.lead`) inside a bar and a drawer space the size of the app's (index.html's
 * `.boot-app` styles), so when the app takes over nothing moves. Everything a person wrote
 * (names, titles) is escaped here.
 */
function frame(me: MeResponse, main: string, crisisHelp: string, status: string): string {
  return `<div id="boot-shell" class="boot boot-app">
      <header class="boot-toolbar">
        <span class="boot-brand">Attune</span>
        <span class="boot-practice">${e(me.practice?.name ?? '')}</span>
        <span class="boot-spacer"></span>
        <a class="boot-help-link" href="#boot-help-heading">Need help now?</a>
      </header>
      <div class="boot-content">
        <main class="page">
          ${main}
          <p class="boot-status" id="boot-status" role="status">${status}</p>
          ${crisisHelp}
        </main>
      </div>
    </div>`;
}

/** The client home's heading and lead, word for word as client-portal/home/home.html has them. */
export function homeScreen(me: MeResponse, crisisHelp: string): string {
  const name = me.user.displayName.split(' ')[0] || 'there';
  const practice = me.practice?.name ?? 'your practice';
  return frame(
    me,
    `<h1>Hi, ${e(name)}. We're glad you're here.</h1>
          <p class="lead">
            This is your space with ${e(practice)}. There's no right or wrong way to use it. Go at
            your own pace, and come back whenever you like.
          </p>`,
    crisisHelp,
    'Opening the rest of your page…',
  );
}

/** The reader's top: the way back, the module's title and its summary (module-reader.html). */
export function readerScreen(
  me: MeResponse,
  reading: AssignmentReading,
  crisisHelp: string,
): string {
  const m = reading.module;
  return frame(
    me,
    `<a class="boot-back" href="/client/reading"
            ><span class="material-symbols-outlined" aria-hidden="true">arrow_back</span>All my reading</a
          >
          <div class="boot-intro">
            <h1>${e(m.title)}</h1>
            <p class="lead">${e(m.summary)}</p>
          </div>`,
    crisisHelp,
    'Opening your reading…',
  );
}
