// What the app shell needs up-front (who reads the library), apart from the pages
// (index.ts), which load on first use.
export { canReadLibrary, isComms, isReviewer } from './lib/actions';
