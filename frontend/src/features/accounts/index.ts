// The accounts feature's public surface, used by the app layer.
export { meKey, sessionKey, useLogout, useMe, useSession, type Session } from './api/auth';
export { CreateOrgPage } from './components/CreateOrgPage';
export { HomePage } from './components/HomePage';
export { InvitationPage } from './components/InvitationPage';
export { LoginPage } from './components/LoginPage';
export { PasswordResetPage } from './components/PasswordResetPage';
export { PasswordResetRequestPage } from './components/PasswordResetRequestPage';
export { SignupPage } from './components/SignupPage';
export { VerifyEmailPage } from './components/VerifyEmailPage';
export { VoiceHints } from './components/VoiceHints';
export { VoiceProfilePage } from './components/VoiceProfilePage';
