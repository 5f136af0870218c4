import { ComponentFixture, TestBed } from '@angular/core/testing';
import { InviteLink } from './invite-link';

describe('InviteLink', () => {
  let fixture: ComponentFixture<InviteLink>;

  function render(delivery: 'email' | 'mailbox') {
    fixture = TestBed.createComponent(InviteLink);
    fixture.componentRef.setInput('link', 'http://localhost/invite/abc');
    fixture.componentRef.setInput('email', 'jo@example.org');
    fixture.componentRef.setInput('delivery', delivery);
    fixture.detectChanges();
    return (
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="invite-delivery"]')
        ?.textContent ?? ''
    ).replace(/\s+/g, ' ');
  }

  it('says the email is on its way when the server sends mail', () => {
    const text = render('email');
    expect(text).toContain('We are emailing this link to jo@example.org now');
    expect(text).not.toContain('later release');
  });

  it('says the email waits in the Mail page when no mail server is set up', () => {
    const text = render('mailbox');
    expect(text).toContain('no outgoing mail set up');
    expect(text).toContain("practice's Mail page");
    expect(text).toContain('send it to them yourself');
  });
});
