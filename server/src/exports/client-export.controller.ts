import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireStepUp } from '../common/assurance.js';
import { Audit } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { ClientExportService } from './client-export.service.js';

@ApiTags('clients')
@Controller('clients')
export class ClientExportController {
  constructor(private readonly exports: ClientExportService) {}

  /**
   * A client's record as one ZIP (README.txt, record.json, fhir-bundle.json), streamed: the
   * client downloads their own; an admin downloads any client's of the practice, on request.
   */
  @Get(':id/export')
  @Roles('admin', 'client')
  // A copy of a whole record leaves Attune: with a second step, a code within 10 minutes first.
  @RequireStepUp()
  @Audit('client.export')
  @ApiProduces('application/zip')
  @Header('cache-control', 'no-store')
  async export(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<StreamableFile> {
    const { filename, zip } = await this.exports.export(auth, id);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
