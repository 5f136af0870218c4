import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { PSYCHOED_LIMITS, ReflectionPrompt, ReflectionView } from '@attune/shared';
import { ReflectionAutosave } from '../reflection-autosave';
import { PracticeDatePipe } from '../../core/practice-time';

/** One reflection prompt: a textarea that saves as they write, and a clear privacy switch. */
@Component({
  selector: 'app-reflection-editor',
  imports: [
    PracticeDatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
  ],
  providers: [ReflectionAutosave],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reflection-editor.html',
  styleUrl: './reflection-editor.scss',
})
export class ReflectionEditor implements OnInit {
  private readonly autosave = inject(ReflectionAutosave);
  private readonly destroyRef = inject(DestroyRef);

  readonly assignmentId = input.required<string>();
  readonly prompt = input.required<ReflectionPrompt>();
  /** The saved reflection for this prompt, if there is one. */
  readonly existing = input<ReflectionView | null>(null);

  protected readonly body = new FormControl('', { nonNullable: true });
  protected readonly shared = new FormControl(false, { nonNullable: true });
  protected readonly isShared = signal(false);
  protected readonly restored = signal(false);
  protected readonly conflict = this.autosave.conflict;
  protected readonly reflection = this.autosave.reflection;
  protected readonly maxLength = PSYCHOED_LIMITS.reflectionMax;
  protected readonly ids = computed(() => {
    const base = `reflection-${this.prompt().id}`;
    return { prompt: `${base}-prompt`, privacy: `${base}-privacy`, status: `${base}-status` };
  });
  protected readonly statusText = computed(() => {
    switch (this.autosave.state()) {
      case 'saving':
        return 'Saving…';
      case 'saved':
        return 'Saved';
      case 'retrying':
        return "Not saved yet. Your words are kept on this device and we'll keep trying.";
      case 'failed':
        return `Not saved: ${this.autosave.message()} Your words are kept on this device.`;
      default:
        return '';
    }
  });
  protected readonly problem = computed(() => {
    const state = this.autosave.state();
    return state === 'retrying' || state === 'failed';
  });

  ngOnInit(): void {
    const start = this.autosave.start(this.assignmentId(), this.prompt().id, this.existing());
    this.show(start.body, start.shared);
    this.restored.set(start.restored);
    this.body.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((text) => this.autosave.updateBody(text));
    this.shared.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((shared) => {
      this.isShared.set(shared);
      this.autosave.setShared(shared);
    });
    this.autosave.replaced
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((content) => this.show(content.body, content.shared));
  }

  protected useMine(): void {
    this.autosave.useMine();
  }

  protected keepNewer(): void {
    this.autosave.keepNewer();
  }

  /** Leaving the field: no need to wait for the pause. */
  protected flush(): void {
    this.autosave.flush();
  }

  private show(body: string, shared: boolean): void {
    this.body.setValue(body, { emitEvent: false });
    this.shared.setValue(shared, { emitEvent: false });
    this.isShared.set(shared);
  }
}
