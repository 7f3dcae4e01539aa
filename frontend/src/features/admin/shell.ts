// What the app shell shows on every page, apart from the pages (index.ts), which load on
// first use: importing index.ts here would pull every admin page into the first download.
export { PolicyBanner } from './components/PolicyBanner';
