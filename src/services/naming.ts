// CLI names from API names, as botocore's xform_name(name, '-') makes them:
// DescribeDBInstances -> describe-db-instances, ListObjectsV2 -> list-objects-v2.

const SPECIAL: Record<string, string> = {
  CreateCachediSCSIVolume: "create-cached-iscsi-volume",
  DescribeCachediSCSIVolumes: "describe-cached-iscsi-volumes",
  DescribeStorediSCSIVolumes: "describe-stored-iscsi-volumes",
  CreateStorediSCSIVolume: "create-stored-iscsi-volume",
  ListHITsForQualificationType: "list-hits-for-qualification-type",
  ExecutePartiQLStatement: "execute-partiql-statement",
  ExecutePartiQLTransaction: "execute-partiql-transaction",
  ExecutePartiQLBatch: "execute-partiql-batch",
  AssociateWhatsAppBusinessAccount: "associate-whatsapp-business-account",
  CreateWhatsAppMessageTemplate: "create-whatsapp-message-template",
  CreateWhatsAppMessageTemplateFromLibrary: "create-whatsapp-message-template-from-library",
  CreateWhatsAppMessageTemplateMedia: "create-whatsapp-message-template-media",
  DeleteWhatsAppMessageMedia: "delete-whatsapp-message-media",
  DeleteWhatsAppMessageTemplate: "delete-whatsapp-message-template",
  DisassociateWhatsAppBusinessAccount: "disassociate-whatsapp-business-account",
  GetLinkedWhatsAppBusinessAccount: "get-linked-whatsapp-business-account",
  GetLinkedWhatsAppBusinessAccountPhoneNumber: "get-linked-whatsapp-business-account-phone-number",
  GetOTelEnrichment: "get-otel-enrichment",
  GetWhatsAppMessageMedia: "get-whatsapp-message-media",
  GetWhatsAppMessageTemplate: "get-whatsapp-message-template",
  ListLinkedWhatsAppBusinessAccounts: "list-linked-whatsapp-business-accounts",
  ListWhatsAppMessageTemplates: "list-whatsapp-message-templates",
  ListWhatsAppTemplateLibrary: "list-whatsapp-template-library",
  PostWhatsAppMessageMedia: "post-whatsapp-message-media",
  PutWhatsAppBusinessAccountEventDestinations: "put-whatsapp-business-account-event-destinations",
  SendWhatsAppMessage: "send-whatsapp-message",
  StartOTelEnrichment: "start-otel-enrichment",
  StopOTelEnrichment: "stop-otel-enrichment",
  UpdateWhatsAppMessageTemplate: "update-whatsapp-message-template",
};

const cache = new Map<string, string>();

export function cliName(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let out = SPECIAL[name];
  if (out === undefined) {
    let s = name;
    const m = /[A-Z]{2,}s$/.exec(s);
    if (m) s = s.slice(0, m.index) + "-" + m[0].toLowerCase();
    s = s.replace(/(.)([A-Z][a-z]+)/g, "$1-$2");
    s = s.replace(/([a-z0-9])([A-Z])/g, "$1-$2");
    out = s.toLowerCase();
  }
  cache.set(name, out);
  return out;
}
