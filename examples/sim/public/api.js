// Commands to the simulator (POST /api/command) and the page's error bar: whatever the server
// refuses, for whatever reason, is shown in the page.

const bar = () => document.getElementById('error');

/** Shows `text` in the error bar (it stays until closed or replaced). */
export function showError(text) {
  document.getElementById('error-text').textContent = text;
  bar().hidden = false;
}

export function hideError() {
  bar().hidden = true;
}

/** Sends one command; resolves to the server's answer. A refusal is shown and resolves `{ok:false}`. */
export async function send(command) {
  let answer;
  try {
    const res = await fetch('/api/command', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(command),
    });
    answer = await res.json();
  } catch (error) {
    answer = { ok: false, error: `the simulator did not answer (${error.message}); is \`make sim\` still running?` };
  }
  if (answer.ok) hideError();
  else showError(answer.error);
  return answer;
}
