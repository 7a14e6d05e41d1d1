import { useQueryClient } from '@tanstack/react-query';
import { logout } from '../auth/me-query';
import type { DeviceMe, Me } from '../lib/api/types';
import { setPinPrompt, type PinPrompt } from './lock-state';
import { forgetOfflineCashier } from './offline-session';
import { SellScreen } from './sell/sell-screen';

/** The register once a cashier is signed in: the sell screen. */
export function RegisterHome({ me, device }: { me: Me; device: DeviceMe }) {
  const queryClient = useQueryClient();
  // Every exit ends the server session; they differ only in what the PIN pad says next.
  const leave = (prompt: PinPrompt | null) => {
    setPinPrompt(prompt);
    // An offline reload must not skip the PIN pad after a lock.
    forgetOfflineCashier();
    void logout(queryClient);
  };
  return <SellScreen me={me} device={device} onLeave={leave} />;
}
