import { HttpClient } from '@angular/common/http';
import { Directive, ElementRef, inject } from '@angular/core';

/**
 * On a plain download link (`<a href download appStepUpDownload>`) to a route that asks for a
 * step-up (a record export): the click first asks the server whether a code is needed (the
 * step-up interceptor asks for one and retries), then lets the browser download the file as
 * usual. So the browser's own download never meets a 403 and saves an error as a file.
 */
@Directive({
  selector: 'a[appStepUpDownload]',
  host: { '(click)': 'onClick($event)' },
})
export class StepUpDownload {
  private readonly http = inject(HttpClient);
  private readonly link = inject<ElementRef<HTMLAnchorElement>>(ElementRef);
  private cleared = false;

  protected onClick(event: MouseEvent): void {
    if (this.cleared) {
      this.cleared = false;
      return;
    }
    event.preventDefault();
    this.http.get('/api/auth/mfa/step-up').subscribe({
      next: () => {
        this.cleared = true;
        this.link.nativeElement.click();
      },
      // Cancelled or refused: the dialog has said why; nothing is downloaded.
      error: () => undefined,
    });
  }
}
