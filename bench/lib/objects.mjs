// Adds objects to a bucket of the seeded estate so that listings have a few
// hundred keys to page through and print.

/** Puts objects into `bucket` (which holds `have` of them) until it holds `want`. */
export async function topUpBucket(endpoint, bucket, have, want) {
  if (have >= want) return;
  const { S3Client, PutObjectCommand } = await import("@aws-sdk/client-s3");
  const s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const keys = Array.from({ length: want - have }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    return `archive/2023/${String(Math.floor(i / 28) % 12 + 1).padStart(2, "0")}/${day}/web-${i}.log`;
  });
  try {
    const queue = [...keys];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
          await s3.send(new PutObjectCommand({ Bucket: bucket, Key: k, Body: `archived ${k}\n`.repeat((k.length % 7) + 1), ContentType: "text/plain" }));
        }
      }),
    );
  } finally {
    s3.destroy();
  }
}
