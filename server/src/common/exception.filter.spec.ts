import { BadGatewayException, HttpException, InternalServerErrorException } from '@nestjs/common';
import { AllExceptionsFilter } from './exception.filter.js';

describe('AllExceptionsFilter wording', () => {
  const filter = new AllExceptionsFilter();
  const plain = 'Something went wrong on our side, so this may not have worked. Please try again.';

  it('says a server fault in plain words, never as a bare "Internal Server Error"', () => {
    const bodies = [
      new InternalServerErrorException(),
      new HttpException('Internal server error', 500),
      new Error('relation "x" does not exist'),
    ].map((e) => filter.toBody(e));
    expect(bodies.map((b) => [b.statusCode, b.message])).toEqual([
      [500, plain],
      [500, plain],
      [500, plain],
    ]);
  });

  it('keeps a message written for people, and 4xx messages as they are', () => {
    expect(filter.toBody(new BadGatewayException('The mail server did not answer.')).message).toBe(
      'The mail server did not answer.',
    );
    expect(filter.toBody(new HttpException('Name is required.', 400)).message).toBe(
      'Name is required.',
    );
  });
});
