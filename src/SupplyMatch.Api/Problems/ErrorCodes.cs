namespace SupplyMatch.Api.Problems;

/// <summary>The stable <c>code</c> carried by every problem response.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string AlreadyExists = "already_exists";
    public const string BatchTooLarge = "batch_too_large";
    public const string PayloadTooLarge = "payload_too_large";
    public const string LineAfterCutoff = "line_after_cutoff";
    public const string LineCancelled = "line_cancelled";
    public const string LotBelowSold = "lot_below_sold";
    public const string LotCancelled = "lot_cancelled";
    public const string RoundNotSolved = "round_not_solved";
    public const string RoundAlreadyPublished = "round_already_published";
    public const string RoundNotCancellable = "round_not_cancellable";
    public const string RoundInputsChanged = "round_inputs_changed";
    public const string LogisticsNotPlanned = "logistics_not_planned";
    public const string NoPublishedRound = "no_published_round";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyInProgress = "idempotency_in_progress";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Internal = "internal_error";
    public const string FeedPullRunning = "feed_pull_running";
    public const string FeedOwnerFixed = "feed_owner_fixed";
    public const string FeedIdInUse = "feed_id_in_use";
    public const string PlaceIdInUse = "place_id_in_use";

    /// <summary>The default code of a status that a handler did not give one.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => "conflict",
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => "unprocessable",
        _ when status >= 500 => Internal,
        _ => "error",
    };
}
