import type { LoginSessionSummary } from '@attune/shared';
import Bowser from 'bowser';

/** "Chrome on macOS", "Safari on iPhone", "Firefox": a browser and system in plain words. */
export function describeDevice(
  userAgent: string | null,
): Pick<LoginSessionSummary, 'device' | 'deviceType'> {
  if (!userAgent) return { device: 'Unknown device', deviceType: null };
  const ua = Bowser.parse(userAgent);
  const browser = ua.browser.name || null;
  // Apple's phones and tablets read better by their own names than as "iOS".
  const model = ua.platform.model;
  const system = ua.os.name === 'iOS' && model ? model : ua.os.name || null;
  const type = ua.platform.type;
  const deviceType = type === 'desktop' || type === 'mobile' || type === 'tablet' ? type : null;
  const device =
    browser && system ? `${browser} on ${system}` : (browser ?? system ?? 'Unknown device');
  return { device, deviceType };
}
