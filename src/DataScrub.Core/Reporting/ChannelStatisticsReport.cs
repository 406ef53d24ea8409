namespace DataScrub.Reporting;

/// <summary>Mean, population standard deviation, min and max of one channel's finite values over the
/// dataset (what <c>compute_image_mean</c> averages, per channel).</summary>
public sealed record ChannelStatisticsReport(int Channel, long Count, double Mean, double StandardDeviation, double Min, double Max);
