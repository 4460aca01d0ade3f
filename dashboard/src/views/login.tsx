/** Sign in with POST /auth; the API's message is shown as is, with a plain-words version for 401. */
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { messageOf } from '../ui.js';

function loginMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'Wrong username or password.';
  if (error instanceof ApiError && error.status === 429) return 'Too many sign-in attempts. Wait a minute and try again.';
  return messageOf(error);
}

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(username, password);
    } catch (err) {
      setError(loginMessage(err));
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="card login-card" onSubmit={(e) => void submit(e)} aria-describedby={error ? 'login-error' : undefined}>
        <h1>OpenChecker</h1>
        <p class="muted">Sign in to submit checks and read their results.</p>
        <label for="login-username">Username</label>
        <input id="login-username" name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="login-password">Password</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && (
          <div id="login-error" class="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
