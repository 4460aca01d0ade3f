/** Entry point: the sign-in gate, the navigation and the current view. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { session } from './api.js';
import { useRoute } from './router.js';
import { AgentsPage } from './views/agents.js';
import { LoginPage } from './views/login.js';
import { SubmitPage } from './views/submit.js';
import { TaskPage } from './views/task.js';
import { TasksPage } from './views/tasks.js';
import './styles.css';

function useSession(): string | null {
  const [token, setToken] = useState(session.token());
  useEffect(() => session.subscribe(() => setToken(session.token())), []);
  return token;
}

function App() {
  const token = useSession();
  const route = useRoute();
  if (!token) return <LoginPage />;
  const current = route.name === 'task' ? 'tasks' : route.name;
  const link = (name: string, href: string, label: string) => (
    <a href={href} aria-current={current === name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="#/tasks">OpenChecker</a>
        <nav aria-label="Main">
          {link('tasks', '#/tasks', 'Tasks')}
          {link('submit', '#/submit', 'New check')}
          {link('agents', '#/agents', 'Agents & queue')}
        </nav>
        <div class="user">
          <span class="muted">{session.user()}</span>
          <button type="button" class="link-button" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {route.name === 'tasks' && <TasksPage params={route.params} />}
        {route.name === 'task' && <TaskPage key={route.id} id={route.id} />}
        {route.name === 'submit' && <SubmitPage />}
        {route.name === 'agents' && <AgentsPage />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
