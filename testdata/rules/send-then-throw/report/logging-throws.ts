import { Request, Response } from 'express';
import { logger } from '../logger';
import { reports } from '../reports';

export async function getReport(req: Request, res: Response) {
  try {
    const report = await reports.build(req.params.id);
    res.send(report.html);
    logger.info(`report ${report.id} sent to ${req.user.email}`);
  } catch (e) {
    res.status(500).send('Could not build report');
  }
}
