import { describeDevice } from './user-agent.js';

describe('describeDevice', () => {
  it('names the browser and the system in plain words', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      ),
    ).toEqual({ device: 'Chrome on macOS', deviceType: 'desktop' });
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ device: 'Safari on iPhone', deviceType: 'mobile' });
    expect(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0',
      ),
    ).toEqual({ device: 'Firefox on Windows', deviceType: 'desktop' });
    expect(
      describeDevice(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
      ).device,
    ).toBe('Chrome on Android');
  });

  it('says so when it cannot tell', () => {
    expect(describeDevice(null)).toEqual({ device: 'Unknown device', deviceType: null });
    expect(describeDevice('node-superagent/3.8.3').device).toBe('Unknown device');
  });
});
