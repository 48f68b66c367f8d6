/**
 * The app credentials every MTProto client needs (my.telegram.org → API development tools); read
 * from TELEGRAM_API_ID / TELEGRAM_API_HASH by @topicdesk/config (`config.mtproto`).
 */
export interface MtprotoApiCredentials {
  apiId: number;
  apiHash: string;
}
