import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

// Starting the app is a task of its own, after the one that evaluates its code: two shorter tasks
// instead of one long one, so a slow phone can answer a tap on the boot shell's crisis links in
// between.
setTimeout(() => bootstrapApplication(App, appConfig).catch((err) => console.error(err)));
