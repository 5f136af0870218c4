import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { AlertSummary } from '@attune/shared';
import { AcknowledgeAlertDialog } from './acknowledge-alert-dialog';

const alert: AlertSummary = {
  id: 'alert-1',
  client: { id: 'client-1', displayName: 'Sam Lee' },
  screeningId: 's1',
  instrumentTitle: 'Perfectionism Patterns Check',
  linkId: 'safety-self-harm',
  level: 'urgent',
  reason: 'answered',
  message: 'The client reported thoughts of harming themselves in the past two weeks.',
  raisedFrom: 'draft',
  createdAt: '2026-11-20T10:00:00.000Z',
  escalatedAt: null,
  escalatedFrom: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgementNote: null,
};

describe('AcknowledgeAlertDialog', () => {
  let fixture: ComponentFixture<AcknowledgeAlertDialog>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    close = vi.fn();
    TestBed.configureTestingModule({
      imports: [AcknowledgeAlertDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { alert } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcknowledgeAlertDialog);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  async function save(): Promise<void> {
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Save acknowledgement' }))
    ).click();
    await fixture.whenStable();
  }

  async function noteErrors(): Promise<string[]> {
    const field = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: /What did you do/ }),
    );
    return field.getTextErrors();
  }

  async function typeNote(text: string): Promise<void> {
    await (await loader.getHarness(MatInputHarness)).setValue(text);
  }

  it('shows which alert is being acknowledged', () => {
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Sam Lee');
    expect(text).toContain(alert.message);
  });

  it('requires a note before anything is sent', async () => {
    await save();
    http.expectNone('/api/alerts/alert-1/acknowledge');
    expect(await noteErrors()).toEqual(['A note is required.']);
    expect(close).not.toHaveBeenCalled();
  });

  it('does not take blanks or a couple of letters as a note', async () => {
    await typeNote('    ');
    await save();
    expect(await noteErrors()).toEqual(['A note is required.']);
    await typeNote('ok');
    await save();
    expect(await noteErrors()).toEqual(['A note needs at least 3 characters.']);
    http.expectNone('/api/alerts/alert-1/acknowledge');
    expect(close).not.toHaveBeenCalled();
  });

  it('sends the note and closes with the acknowledged alert', async () => {
    await typeNote('  Called Sam; reviewed the safety plan. ');
    await save();
    const req = http.expectOne('/api/alerts/alert-1/acknowledge');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ note: 'Called Sam; reviewed the safety plan.' });
    const done = {
      ...alert,
      acknowledgedAt: '2026-11-20T10:30:00.000Z',
      acknowledgedBy: 'Theo Rivera',
      acknowledgementNote: 'Called Sam; reviewed the safety plan.',
    };
    req.flush(done);
    expect(close).toHaveBeenCalledWith(done);
  });

  it('keeps the dialog open with the server message when saving fails', async () => {
    await typeNote('Called Sam.');
    await save();
    http.expectOne('/api/alerts/alert-1/acknowledge').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Please check the note.',
        fields: { note: 'note should say briefly what you did (a few words)' },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(await noteErrors()).toEqual(['note should say briefly what you did (a few words)']);
    const alertBox = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alertBox?.textContent).toContain('Please check the note.');
  });
});
