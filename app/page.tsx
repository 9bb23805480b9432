export default function Home() {
  return (
    <main className="mx-auto max-w-xl p-4">
      <h1 className="text-2xl font-semibold">Entitle</h1>
      <p>The calculator is coming. Meanwhile: /api/v1/entitlement?class=H&amp;shares=1234</p>
    </main>
  );
}
