namespace Campaigns.Engine.Gateway;

/// <summary>The gateway calls this client makes; which of them may be retried is decided in <see cref="GatewayRetryPolicy"/>.</summary>
internal enum GatewayCall
{
    /// <summary><c>GET /instance/connectionState/{instance}</c>.</summary>
    ConnectionState,

    /// <summary><c>POST /chat/whatsappNumbers/{instance}</c> (a read).</summary>
    WhatsAppNumbers,

    /// <summary><c>POST /message/sendText/{instance}</c>.</summary>
    SendText,

    /// <summary><c>POST /message/sendMedia/{instance}</c>.</summary>
    SendMedia,

    /// <summary><c>POST /message/sendWhatsAppAudio/{instance}</c> (voice note).</summary>
    SendWhatsAppAudio,

    /// <summary><c>POST /webhook/set/{instance}</c> (an upsert).</summary>
    SetWebhook,

    /// <summary><c>POST /chat/findMessages/{instance}</c> (a read).</summary>
    FindMessages,

    /// <summary><c>POST /instance/create</c>.</summary>
    CreateInstance,

    /// <summary><c>GET /instance/connect/{instance}</c> (starts linking, answers a QR code).</summary>
    ConnectInstance,

    /// <summary><c>GET /instance/fetchInstances</c>.</summary>
    FetchInstances,

    /// <summary><c>DELETE /instance/delete/{instance}</c>: removes an instance we created but could not register.</summary>
    DeleteInstance,
}
