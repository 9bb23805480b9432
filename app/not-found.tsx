import "./globals.css";

export default function NotFound() {
  return (
    <html lang="en">
      <body className="mx-auto max-w-xl p-6 font-sans">
        <h1 className="text-xl font-semibold">Not found · 找不到頁面 · 找不到页面</h1>
        <p className="mt-2">
          <a className="text-blue-800 underline" href="/en">
            English
          </a>{" "}
          ·{" "}
          <a className="text-blue-800 underline" href="/zh-Hant">
            繁體中文
          </a>{" "}
          ·{" "}
          <a className="text-blue-800 underline" href="/zh-Hans">
            简体中文
          </a>
        </p>
      </body>
    </html>
  );
}
