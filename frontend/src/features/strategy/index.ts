// The strategy feature's public surface, used by the app layer.
export { AudienceEditorPage } from './components/AudienceEditorPage';
export { AudiencesPage } from './components/AudiencesPage';
export { MatrixPage } from './components/MatrixPage';
export { ReservedPage } from './components/ReservedPage';
export { RoleEditorPage } from './components/RoleEditorPage';
export { RolesPage } from './components/RolesPage';
