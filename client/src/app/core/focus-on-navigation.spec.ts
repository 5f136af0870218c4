import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, RouterOutlet } from '@angular/router';
import { provideFocusOnNavigation } from './focus-on-navigation';

@Component({ template: '<h1>Home</h1><input aria-label="Note" />' })
class Home {}

@Component({ template: '<h1>Reading</h1>' })
class Reading {}

/** A page whose heading comes with its data, a moment after the route has rendered. */
@Component({
  template: `@if (loaded()) {
    <h1>Module</h1>
  }`,
})
class Slow {
  protected readonly loaded = signal(false);
  constructor() {
    setTimeout(() => this.loaded.set(true), 20);
  }
}

@Component({
  imports: [RouterOutlet],
  template: '<nav><a href="#">Reading</a></nav><main><router-outlet /></main>',
})
class Root {}

describe('focus after navigation', () => {
  function setUp() {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', component: Home },
          { path: 'reading', component: Reading },
          { path: 'slow', component: Slow },
        ]),
        provideFocusOnNavigation(),
      ],
    });
    const fixture = TestBed.createComponent(Root);
    document.body.appendChild(fixture.nativeElement);
    const router = TestBed.inject(Router);
    const go = async (url: string) => {
      await router.navigateByUrl(url);
      await fixture.whenStable();
    };
    return { fixture, go };
  }
  const heading = () => document.activeElement?.textContent;

  it('leaves the first page alone, then moves focus to each new page heading', async () => {
    const { fixture, go } = setUp();
    await go('/');
    expect(document.activeElement).toBe(document.body);
    ((fixture.nativeElement as HTMLElement).querySelector('nav a') as HTMLElement).focus();
    await go('/reading');
    expect(document.activeElement?.tagName).toBe('H1');
    expect(heading()).toBe('Reading');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
    (fixture.nativeElement as HTMLElement).remove();
  });

  it('waits for a heading that arrives with the data', async () => {
    const { fixture, go } = setUp();
    await go('/');
    await go('/slow');
    await new Promise((r) => setTimeout(r, 60));
    await fixture.whenStable();
    expect(heading()).toBe('Module');
    (fixture.nativeElement as HTMLElement).remove();
  });

  it('does not take focus from someone already typing in the new page', async () => {
    const { fixture, go } = setUp();
    await go('/reading');
    const navigation = TestBed.inject(Router).navigateByUrl('/');
    await navigation;
    // The new page's field got focus before the heading could.
    ((fixture.nativeElement as HTMLElement).querySelector('input') as HTMLElement).focus();
    await fixture.whenStable();
    expect(document.activeElement?.tagName).toBe('INPUT');
    (fixture.nativeElement as HTMLElement).remove();
  });
});
