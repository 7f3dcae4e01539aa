// The content feature's public surface, used by the app layer.
export { canReadLibrary, isComms, isReviewer } from './lib/actions';
export { ContentEditorPage } from './components/ContentEditorPage';
export { ForYouPage } from './components/ForYouPage';
export { GridPage } from './components/GridPage';
export { LibraryPage } from './components/LibraryPage';
export { ReviewQueuePage } from './components/ReviewQueuePage';
export { SuggestPage } from './components/SuggestPage';
export { TemplatesPage } from './components/TemplatesPage';
