/** The one family of failures the domain raises; web/middleware/error-handler.ts maps them to statuses. */
export class DomainError extends Error {
  override name = 'DomainError';
}

/** The thing does not exist, or the actor may not know that it does (404). */
export class NotFound extends DomainError {
  override name = 'NotFound';
  constructor(what = 'The page or item') {
    super(`${what} was not found.`);
  }
}

/** The actor is known but may not do this (403). */
export class Forbidden extends DomainError {
  override name = 'Forbidden';
  constructor(message = 'You do not have permission to do that.') {
    super(message);
  }
}

/** The actor is not signed in (401). */
export class Unauthenticated extends DomainError {
  override name = 'Unauthenticated';
  constructor(message = 'Please sign in.') {
    super(message);
  }
}

/** A write raced another one (409); `current` carries what is stored now so nothing is lost. */
export class Conflict extends DomainError {
  override name = 'Conflict';
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** Bad input (400 / 422): `field` names the field at fault, as a dotted path. */
export class Invalid extends DomainError {
  override name = 'Invalid';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Too many attempts (429). */
export class TooManyRequests extends DomainError {
  override name = 'TooManyRequests';
}

/**
 * Marks a schema issue as a refusal for size, not shape (a body nested too deep, too many nodes,
 * too much text): pass as a custom zod issue's `params`, and the error handler answers 422 with
 * the message (which names the limit) instead of the 400 of a malformed request.
 */
export const OVER_LIMIT = { overLimit: true } as const;
