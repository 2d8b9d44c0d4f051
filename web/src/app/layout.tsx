// Global styles first, so every CSS module (loaded after) can override the shared classes.
import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '../components/shell/SiteFooter';
import { SiteHeader } from '../components/shell/SiteHeader';

export const metadata: Metadata = {
  title: { default: 'Starscape: command your own starbase', template: '%s · Starscape' },
  description:
    'Starscape is a browser space-strategy MMO. Build a starbase, run mines and power plants, launch fleets, raid rivals and command live battles.',
};

export const viewport: Viewport = {
  themeColor: '#04060d',
  colorScheme: 'dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main>{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
