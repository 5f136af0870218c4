import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { QueryList } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatMenu } from '@angular/material/menu';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { Role } from '@attune/shared';
import { of } from 'rxjs';
import { AuthStore } from '../auth-store';
import type { Area } from '../role-home';
import { meFixture } from '../testing';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let loader: HarnessLoader;

  async function render(area: Area, roles: Role[], narrow = false): Promise<void> {
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        ...(narrow
          ? [
              {
                provide: BreakpointObserver,
                useValue: { observe: () => of({ matches: true, breakpoints: {} }) },
              },
            ]
          : []),
      ],
    });
    TestBed.inject(AuthStore).setMe(meFixture(roles));
    fixture = TestBed.createComponent(Shell);
    fixture.componentRef.setInput('area', area);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }

  function text(selector: string): string[] {
    const root = fixture.nativeElement as HTMLElement;
    return Array.from(root.querySelectorAll(selector)).map((el) => el.textContent?.trim() ?? '');
  }

  it('shows "Need help now?" on client pages and opens the crisis resources', async () => {
    await render('client', ['client']);
    const help = await loader.getHarness(MatButtonHarness.with({ text: /Need help now\?/ }));
    await help.click();

    const dialogs =
      await TestbedHarnessEnvironment.documentRootLoader(fixture).getAllHarnesses(MatDialogHarness);
    expect(dialogs.length).toBe(1);
    const [dialog] = dialogs;
    assert(dialog);
    expect(await dialog.getTitleText()).toBe('Need help now?');
    const dialogEl = document.querySelector('mat-dialog-container') as HTMLElement;
    const hrefs = Array.from(dialogEl.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['tel:988', 'sms:988', 'https://988lifeline.org/chat/', 'tel:911']);
    expect(dialogEl.textContent).toContain('If you are in immediate danger, call 911');
    expect(dialogEl.querySelector('[data-testid="practice-crisis-text"]')?.textContent).toBe(
      'After hours, call our on-call line at 555-0100.',
    );
    await dialog.close();
  });

  it('shows the client navigation, the app and practice names, and the user menu', async () => {
    await render('client', ['client']);
    expect(text('mat-nav-list a .mat-mdc-list-item-title')).toEqual([
      'Home',
      'Screeners',
      'Reading',
      'Sessions',
      'Your account',
    ]);
    const nav = (fixture.nativeElement as HTMLElement).querySelector('mat-nav-list');
    expect(nav?.getAttribute('role')).toBe('navigation');
    expect(nav?.getAttribute('aria-label')).toBe('Client navigation');
    expect(text('.brand')).toEqual(['Attune']);
    expect(text('[data-testid="practice-name"]')).toEqual(['Willow Counselling']);
    expect(text('.user-button .mdc-button__label > span')).toEqual(['Sam Rivera']);
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('main').length).toBe(1);
  });

  it("makes the user menu's items when it is first opened", async () => {
    await render('client', ['client']);
    // Not made with the page (without matMenuContent the items are made, though not shown).
    const userMenu = fixture.debugElement.query(By.directive(MatMenu)).injector.get(MatMenu);
    const made = () => (userMenu as unknown as { _allItems: QueryList<unknown> })._allItems.length;
    expect(made()).toBe(0);

    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '.user-button' }));
    await menu.open();
    expect(made()).toBe(2);
    const items = await menu.getItems();
    expect(await Promise.all(items.map((i) => i.getText()))).toEqual([
      'manage_accountsYour account',
      'logoutSign out',
    ]);
    const account = document.querySelector('a.mat-mdc-menu-item');
    expect(account?.getAttribute('href')).toBe('/client/account');
    await menu.close();
  });

  it('does not show the crisis button or role switcher to a therapist-only member', async () => {
    await render('therapist', ['therapist']);
    expect(
      await loader.getAllHarnesses(MatButtonHarness.with({ text: /Need help now\?/ })),
    ).toEqual([]);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('nav[aria-label="Switch role"]'),
    ).toBeNull();
  });

  it('offers the role switcher to a member who is both admin and therapist', async () => {
    await render('admin', ['admin', 'therapist']);
    const links = (fixture.nativeElement as HTMLElement).querySelectorAll(
      'nav[aria-label="Switch role"] a',
    );
    expect(Array.from(links).map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Therapist', '/therapist'],
      ['Admin', '/admin'],
    ]);
  });

  it("on a phone, draws the closed drawer's links when the menu is first opened", async () => {
    await render('client', ['client'], true);
    const root = fixture.nativeElement as HTMLElement;
    // Closed and not drawn yet: less work before the first page shows.
    expect(root.querySelector('mat-nav-list')).toBeNull();

    const menu = await loader.getHarness(
      MatButtonHarness.with({ selector: '[aria-label="Open navigation"]' }),
    );
    await menu.click();
    await fixture.whenStable();
    expect(text('mat-nav-list a .mat-mdc-list-item-title')).toEqual([
      'Home',
      'Screeners',
      'Reading',
      'Sessions',
      'Your account',
    ]);
    expect(root.querySelector('mat-nav-list')?.getAttribute('aria-label')).toBe(
      'Client navigation',
    );
  });
});
