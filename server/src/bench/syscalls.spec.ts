import { countSyscalls, formatSyscalls } from './syscalls.js';

// Lines as `strace -yy -o` writes them for one request to Attune (port 4651) on Postgres 58950.
const TRACE = [
  'epoll_pwait(13<anon_inode:[eventpoll]>, [...], 1024, 8, NULL, 8) = 1',
  'read(19<TCP:[127.0.0.1:4651->127.0.0.1:60692]>, ""..., 65536) = 275',
  'writev(29<TCP:[127.0.0.1:58370->127.0.0.1:58950]>, [...], 4) = 101',
  'read(29<TCP:[127.0.0.1:58370->127.0.0.1:58950]>, ""..., 65536) = 799',
  'writev(29<TCP:[127.0.0.1:58370->127.0.0.1:58950]>, [...], 4) = 147',
  'read(29<TCP:[127.0.0.1:58370->127.0.0.1:58950]>, ""..., 65536) = 721',
  'writev(19<TCP:[127.0.0.1:4651->127.0.0.1:60692]>, [...], 2) = 1157',
  'read(19<TCP:[127.0.0.1:4651->127.0.0.1:60692]>, ""..., 65536) = -1 EAGAIN (Resource temporarily unavailable)',
  'write(5<anon_inode:[eventfd]>, "\\1\\0\\0\\0\\0\\0\\0\\0", 8) = 8',
  '+++ exited with 0 +++',
].join('\n');

describe('countSyscalls', () => {
  it('splits calls and bytes written by socket: the served HTTP port, the Postgres port, the rest', () => {
    const c = countSyscalls(TRACE, { http: 4651, pg: 58950 }, 2);
    expect(Object.fromEntries(c.perRequest)).toEqual({
      'read http': 1,
      'writev pg': 1,
      'read pg': 1,
      'writev http': 0.5,
      epoll_pwait: 0.5,
      write: 0.5,
    });
    expect(Object.fromEntries(c.bytesWritten)).toEqual({ http: 578.5, pg: 124, other: 4 });
    expect(formatSyscalls('attune', c)).toBe(
      'attune per request over 2: read http 1.00, writev pg 1.00, read pg 1.00, epoll_pwait 0.50, ' +
        'writev http 0.50, write 0.50; written: http 579 B, pg 124 B, other 4 B',
    );
  });
});
