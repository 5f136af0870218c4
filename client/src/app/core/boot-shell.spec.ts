import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, RouterOutlet } from '@angular/router';
import { BOOT_SHELL_ID, provideBootShell } from './boot-shell';

@Component({ template: '<h1>Sign in</h1>' })
class Page {}

@Component({ imports: [RouterOutlet], template: '<router-outlet />' })
class Root {}

describe('the boot shell', () => {
  let shell: HTMLElement;
  beforeEach(() => {
    shell = document.createElement('div');
    shell.id = BOOT_SHELL_ID;
    shell.innerHTML = '<p role="status">Opening Attune…</p><a href="tel:988">Call 988</a>';
    document.body.appendChild(shell);
  });
  afterEach(() => shell.remove());

  function setUp(routes: Parameters<typeof provideRouter>[0]) {
    TestBed.configureTestingModule({ providers: [provideRouter(routes), provideBootShell()] });
    const fixture = TestBed.createComponent(Root);
    return { fixture, router: TestBed.inject(Router) };
  }

  it('stays until the first page has rendered, then leaves one page behind', async () => {
    const { fixture, router } = setUp([{ path: 'login', component: Page }]);
    expect(document.getElementById(BOOT_SHELL_ID)).not.toBeNull();
    await router.navigateByUrl('/login');
    await fixture.whenStable();
    expect(document.getElementById(BOOT_SHELL_ID)).toBeNull();
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('h1').length).toBe(1);
  });

  it('stays, with its crisis links, and says so when the first page cannot load', async () => {
    const { fixture, router } = setUp([
      { path: 'login', loadComponent: () => Promise.reject(new Error('offline')) },
    ]);
    await router.navigateByUrl('/login').catch(() => undefined);
    await fixture.whenStable();
    expect(document.getElementById(BOOT_SHELL_ID)).toBe(shell);
    expect(shell.querySelector('[role="status"]')?.textContent).toBe(
      "We couldn't open Attune. Check your connection, then reload the page.",
    );
    expect(shell.querySelector('a')?.getAttribute('href')).toBe('tel:988');
  });
});
