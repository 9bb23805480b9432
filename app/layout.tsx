import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Entitle", description: "What a corporate action gives you, share by share." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
