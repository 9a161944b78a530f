export const somethingElse = async () => 1
