import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { drawnOnce } from './drawn-once';

@Component({
  template: '<h1>Top</h1>@if (drawn()) {<p class="rest">Rest</p>}',
})
class TwoPart {
  readonly drawn = drawnOnce();
}

describe('drawnOnce', () => {
  it('is false until the first draw, then true, and the gated part follows', async () => {
    const fixture = TestBed.createComponent(TwoPart);
    const el = fixture.nativeElement as HTMLElement;
    expect(fixture.componentInstance.drawn()).toBe(false);
    await fixture.whenStable();
    expect(fixture.componentInstance.drawn()).toBe(true);
    expect(el.querySelector('h1')?.textContent).toBe('Top');
    expect(el.querySelector('.rest')?.textContent).toBe('Rest');
  });
});
