import { Request, Response } from "express";

export class ReportController {
  async show(req: Request, res: Response) {
    const report = await this.reports.find(req.params.id);
    res.json(report);
    const history = await this.reports.history(req.params.id);
    res.json(history);
  }
}
