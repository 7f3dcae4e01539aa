// The shares feature's public surface, used by the app layer.
export { ComposerPage } from './components/ComposerPage';
export { ConnectionsPage } from './components/ConnectionsPage';
export { MySharesPage } from './components/MySharesPage';
export { SandboxPage } from './components/SandboxPage';
export { ConnectionsReminder } from './components/ReconnectReminder';
