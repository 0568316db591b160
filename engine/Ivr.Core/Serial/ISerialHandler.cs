namespace Ivr.Core.Serial;

/// <summary>What a <see cref="SerialQueue{T}"/> runs its items with: <see cref="Handle"/> one at a time, in order;
/// <see cref="Failed"/> with an item whose handling threw (the next item still runs).</summary>
public interface ISerialHandler<in T>
{
    void Handle(T item);

    void Failed(T item, Exception error);
}
