const SERVICE = 'web';

const COMING = ['Dashboards with live charts', 'View editor', 'Replays', 'Tokens', 'Pipeline health'];

export default function ConsolePage() {
  return (
    <main className="console">
      <h1>Tidemark</h1>
      <p className="lede">
        The console of Tidemark, a self-hosted analytics event pipeline. This is a placeholder: nothing here
        reads the pipeline yet.
      </p>
      <section aria-labelledby="coming">
        <h2 id="coming">Coming</h2>
        <ul>
          {COMING.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      <p className="status" data-testid="status">
        Service <code>{SERVICE}</code> is serving this page. Health: <a href="/api/health">/api/health</a>
      </p>
    </main>
  );
}
