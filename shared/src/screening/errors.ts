/** Base class of every error thrown by the screening engine. */
export class ScreeningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An instrument definition breaks the schema or its own references. */
export class DefinitionError extends ScreeningError {
  /** Every problem found, each naming the section, item or scale at fault. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid instrument definition: ${problems[0]}`
        : `Invalid instrument definition (${problems.length} problems): ${problems.join('; ')}`,
    );
    this.problems = problems;
  }
}

/** An answer does not fit the instrument (unknown linkId, invalid code, wrong type). */
export class AnswerError extends ScreeningError {
  constructor(
    message: string,
    /** The linkId at fault, when there is one. */
    readonly linkId?: string,
  ) {
    super(message);
  }
}

/** A FHIR Questionnaire uses something the instrument schema cannot represent. */
export class FhirImportError extends ScreeningError {
  constructor(
    message: string,
    /** The Questionnaire item at fault, when there is one. */
    readonly linkId?: string,
    /** The field (JSON path, e.g. `title` or `item[2].text`) at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}
