export default function Home() {
  return (
    <main>
      <h1>sipflow</h1>
      <p>The portal arrives with issue #7: search, ladder diagrams and dashboards.</p>
    </main>
  );
}
