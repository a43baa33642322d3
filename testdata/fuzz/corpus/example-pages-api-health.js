export default function handler(req, res) {
  res.setHeader("Cache-Control", "no-store");
  res.status(200).json({
    status: "ok",
    uptime: Math.round(process.uptime()),
    version: process.env.APP_VERSION ?? "dev",
  });
}
