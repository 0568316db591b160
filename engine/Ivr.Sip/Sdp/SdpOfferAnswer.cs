using System.Net;

namespace Ivr.Sip.Sdp;

/// <summary>
/// RFC 3264 offer/answer for a G.711 endpoint. <see cref="Answer"/> accepts the first audio stream (RTP/AVP, or
/// RTP/SAVP with SDES keys as <see cref="SdpLocalMedia.Srtp"/> allows, see <see cref="SdpMediaSecurity"/>) that offers PCMU or PCMA, choosing in the offerer's order of preference (§6.1) and adding telephone-event
/// at 8000 Hz when offered; every other m= line is rejected with port 0 (§6). <see cref="CreateOffer"/>
/// builds our offer for an INVITE that carried none (§5), and <see cref="ReadAnswer"/> reads the peer's answer.
/// </summary>
public static class SdpOfferAnswer
{
    public static SdpNegotiation Answer(SessionDescription offer, SdpLocalMedia local)
    {
        var answer = NewDescription(local);
        SdpNegotiation? chosen = null;
        foreach (var media in offer.Media)
        {
            var accepted = chosen is null ? TryAccept(offer, media, local) : null;
            if (accepted is null)
            {
                answer.Media.Add(new MediaDescription(media.Media, 0, media.Protocol, media.Formats.Take(1)));
                continue;
            }

            chosen = accepted;
            answer.Media.Add(BuildAudio(local, accepted));
        }

        if (chosen is null)
        {
            return SdpNegotiation.NotAcceptable(local.Srtp == SrtpPolicy.Mandatory
                ? "no audio stream offers PCMU or PCMA with SRTP keys (a=crypto) we can use, and SRTP is mandatory"
                : $"no audio stream offers PCMU or PCMA over RTP/AVP{(local.Srtp == SrtpPolicy.Off ? "" : " or RTP/SAVP")}");
        }

        return chosen with { Answer = answer };
    }

    public static SessionDescription CreateOffer(SdpLocalMedia local)
    {
        var offer = NewDescription(local);
        var media = new MediaDescription("audio", local.RtpPort, SdpMediaSecurity.OfferProtocol(local),
            local.PayloadTypes.Select(p => p.ToString()).Append(local.TelephoneEventPayloadType.ToString()));
        foreach (var pt in local.PayloadTypes)
        {
            media.Attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(pt, SdpCodecs.NameOf(pt), 8000).ToString()));
        }

        AddTelephoneEvent(media, local.TelephoneEventPayloadType);
        media.Attributes.Add(new SdpAttribute("ptime", local.PacketTimeMs.ToString()));
        media.Attributes.Add(new SdpAttribute("sendrecv", null));
        media.Attributes.AddRange(SdpMediaSecurity.OfferAttributes(local));
        offer.Media.Add(media);
        return offer;
    }

    /// <summary>Reads the answer to our offer: the first accepted audio stream must use a codec we offered.</summary>
    public static SdpNegotiation ReadAnswer(SessionDescription answer, SdpLocalMedia local)
    {
        foreach (var media in answer.Media.Where(m => m.Media == "audio" && m.Port != 0))
        {
            var accepted = TryAccept(answer, media, local, isAnswer: true);
            if (accepted is not null)
            {
                return accepted with { Answer = answer };
            }
        }

        return SdpNegotiation.NotAcceptable("the answer accepts no audio codec we offered");
    }

    /// <summary>True when the description puts its first audio stream on hold (sendonly/inactive or c=0.0.0.0).</summary>
    public static bool IsHold(SessionDescription description)
    {
        var audio = description.Media.FirstOrDefault(m => m.Media == "audio" && m.Port != 0);
        return audio is not null && IsHold(description, audio);
    }

    private static bool IsHold(SessionDescription description, MediaDescription media)
    {
        var direction = description.DirectionOf(media);
        return direction is SdpDirection.SendOnly or SdpDirection.Inactive
            || description.ConnectionOf(media)?.Host == "0.0.0.0";
    }

    private static SdpNegotiation? TryAccept(SessionDescription offer, MediaDescription media, SdpLocalMedia local, bool isAnswer = false)
    {
        if (media.Media != "audio" || media.Port == 0)
        {
            return null;
        }

        var (acceptable, srtp) = isAnswer ? SdpMediaSecurity.ForAnswer(media, local) : SdpMediaSecurity.ForOffer(media, local);
        if (!acceptable)
        {
            return null;
        }

        foreach (var format in media.Formats)
        {
            var g711 = SdpCodecs.G711TypeOf(media, format);
            if (g711 is null || !local.PayloadTypes.Contains(g711.Value))
            {
                continue;
            }

            var telephoneEvent = media.RtpMaps.FirstOrDefault(m =>
                string.Equals(m.EncodingName, SdpCodecs.TelephoneEvent, StringComparison.OrdinalIgnoreCase) && m.ClockRate == 8000
                && media.Formats.Contains(m.PayloadType.ToString()));
            var connection = offer.ConnectionOf(media);
            IPEndPoint? remote = connection is not null && IPAddress.TryParse(connection.Host, out var address)
                ? new IPEndPoint(address, media.Port)
                : null;
            return new SdpNegotiation
            {
                PayloadType = int.Parse(format),
                EncodingName = SdpCodecs.NameOf(g711.Value),
                TelephoneEventPayloadType = telephoneEvent?.PayloadType,
                RemoteRtp = remote,
                IsHold = IsHold(offer, media),
                Direction = SdpDirections.Mirror(offer.DirectionOf(media)),
                Srtp = srtp,
                Protocol = media.Protocol,
            };
        }

        return null;
    }

    private static MediaDescription BuildAudio(SdpLocalMedia local, SdpNegotiation accepted)
    {
        var formats = new List<string> { accepted.PayloadType.ToString() };
        if (accepted.TelephoneEventPayloadType is { } te)
        {
            formats.Add(te.ToString());
        }

        var media = new MediaDescription("audio", local.RtpPort, accepted.Protocol, formats);
        media.Attributes.Add(new SdpAttribute("rtpmap", new SdpRtpMap(accepted.PayloadType, accepted.EncodingName, 8000).ToString()));
        if (accepted.TelephoneEventPayloadType is { } pt)
        {
            AddTelephoneEvent(media, pt);
        }

        media.Attributes.Add(new SdpAttribute("ptime", local.PacketTimeMs.ToString()));
        media.Attributes.Add(new SdpAttribute(SdpDirections.ToAttributeName(accepted.Direction), null));
        if (accepted.Srtp is { } srtp)
        {
            media.Attributes.Add(SdpMediaSecurity.AnswerAttribute(srtp));
        }

        return media;
    }

    private static void AddTelephoneEvent(MediaDescription media, int payloadType)
    {
        media.Attributes.Add(new SdpAttribute("rtpmap", $"{payloadType} {SdpCodecs.TelephoneEvent}/8000"));
        media.Attributes.Add(new SdpAttribute("fmtp", $"{payloadType} 0-16"));
    }

    private static SessionDescription NewDescription(SdpLocalMedia local)
    {
        var connection = SdpConnection.ForAddress(local.Address);
        return new SessionDescription(
            new SdpOrigin(local.UserName, local.SessionId.ToString(), local.SessionVersion.ToString(), "IN", connection.AddressType, connection.Address),
            "Ivr")
        {
            Connection = connection,
        };
    }
}
