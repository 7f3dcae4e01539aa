import { createContext, useContext } from 'react';

import type { Me, Membership } from '@/api/types';

export interface OrgContextValue {
  me: Me;
  membership: Membership;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

/** The signed-in person and their membership in the organisation named by the URL. */
export function useOrgContext(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error('useOrgContext must be used inside an organisation route');
  return value;
}
